marquee_memory::session_contract_tests!(marquee_memory::contract::memory);
