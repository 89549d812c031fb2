marquee_memory::provider_contract_tests!(marquee_memory::contract::memory);
