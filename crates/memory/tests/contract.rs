marquee_memory::store_contract_tests!(marquee_memory::contract::memory);

mod placement {
    marquee_memory::placement_contract_tests!(marquee_memory::contract::memory);
}

mod imports {
    marquee_memory::imports_contract_tests!(marquee_memory::contract::memory);
}
