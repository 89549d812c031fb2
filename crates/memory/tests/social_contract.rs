marquee_memory::social_contract_tests!(marquee_memory::contract::memory);
