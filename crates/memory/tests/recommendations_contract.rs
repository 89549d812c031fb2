marquee_memory::recommendations_contract_tests!(marquee_memory::contract::memory);
