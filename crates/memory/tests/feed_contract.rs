marquee_memory::feed_contract_tests!(marquee_memory::contract::memory);
