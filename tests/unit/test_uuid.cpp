#include <doctest/doctest.h>

#include "core/uuid.h"

TEST_CASE("UuidV4FromBytes sets version and variant, lowercase 8-4-4-4-12")
{
    uint8_t zeros[16] = {};
    CHECK(manyi::UuidV4FromBytes(zeros) == "00000000-0000-4000-8000-000000000000");

    uint8_t ones[16];
    for (uint8_t& b : ones)
        b = 0xFF;
    CHECK(manyi::UuidV4FromBytes(ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff");

    uint8_t counting[16];
    for (int i = 0; i < 16; i++)
        counting[i] = (uint8_t)(i * 17);
    const std::string u = manyi::UuidV4FromBytes(counting);
    CHECK(u == "00112233-4455-4677-8899-aabbccddeeff");
    CHECK(u.size() == 36);
    CHECK(manyi::IsUuid(u));
    CHECK(counting[6] == 0x66); // the input is not modified
}

TEST_CASE("IsUuid")
{
    CHECK(manyi::IsUuid("0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e"));
    CHECK(manyi::IsUuid("0B7E4C1E-5A3F-4D2B-9C8E-1F2A3B4C5D6E"));
    CHECK(manyi::IsUuid("00000000-0000-0000-0000-000000000000"));
    CHECK_FALSE(manyi::IsUuid(""));
    CHECK_FALSE(manyi::IsUuid("0b7e4c1e5a3f4d2b9c8e1f2a3b4c5d6e"));
    CHECK_FALSE(manyi::IsUuid("0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6"));
    CHECK_FALSE(manyi::IsUuid("0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e0"));
    CHECK_FALSE(manyi::IsUuid("0b7e4c1g-5a3f-4d2b-9c8e-1f2a3b4c5d6e"));
    CHECK_FALSE(manyi::IsUuid("0b7e4c1e_5a3f-4d2b-9c8e-1f2a3b4c5d6e"));
    CHECK_FALSE(manyi::IsUuid("{0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6}"));
}
