// SHA-256, HMAC-SHA-256 and PBKDF2-HMAC-SHA-256 against published vectors; the PIN record
// (format, hostile strings, verification) and the lockout timeline.
#include <doctest/doctest.h>

#include <string>

#include "core/pin_lockout.h"
#include "core/pin_record.h"
#include "core/sha256.h"

using namespace manyi;

static std::string Hex(const Sha256Digest& d) { return HexOf(d.data(), d.size()); }
static std::string Hex(const std::vector<uint8_t>& d) { return HexOf(d.data(), d.size()); }

TEST_CASE("SHA-256: FIPS 180-4 examples (and the NIST long messages)")
{
    CHECK(Hex(Sha256Of("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(Hex(Sha256Of("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(Hex(Sha256Of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(Hex(Sha256Of("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")) ==
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    // One million 'a', fed in uneven pieces: the block buffer across Update calls.
    Sha256 h;
    std::string chunk(997, 'a');
    size_t left = 1000000;
    while (left > 0)
    {
        size_t n = left < chunk.size() ? left : chunk.size();
        h.Update(std::string_view(chunk.data(), n));
        left -= n;
    }
    CHECK(Hex(h.Final()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("HMAC-SHA-256: RFC 4231 test cases 1-4, 6, 7")
{
    CHECK(Hex(HmacSha256(std::string(20, '\x0b'), "Hi There")) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(Hex(HmacSha256("Jefe", "what do ya want for nothing?")) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(Hex(HmacSha256(std::string(20, '\xaa'), std::string(50, '\xdd'))) ==
          "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    std::string key4;
    for (int i = 1; i <= 25; i++) key4 += (char)i;
    CHECK(Hex(HmacSha256(key4, std::string(50, '\xcd'))) == "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    // Keys longer than a block are hashed first.
    CHECK(Hex(HmacSha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    CHECK(Hex(HmacSha256(std::string(131, '\xaa'),
                         "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed "
                         "before being used by the HMAC algorithm.")) ==
          "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST_CASE("PBKDF2-HMAC-SHA-256: RFC 7914 section 11 vectors")
{
    CHECK(Hex(Pbkdf2HmacSha256("passwd", "salt", 1, 64)) ==
          "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    CHECK(Hex(Pbkdf2HmacSha256("Password", "NaCl", 80000, 64)) ==
          "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
    // Shorter outputs are prefixes of the longer one.
    CHECK(Hex(Pbkdf2HmacSha256("passwd", "salt", 1, 20)) == "55ac046e56e3089fec1691c22544b605f9418521");
}

static const uint8_t kSalt[kPinSaltBytes] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

TEST_CASE("PIN: 4 to 8 digits")
{
    CHECK(IsValidPin("1234"));
    CHECK(IsValidPin("12345678"));
    CHECK_FALSE(IsValidPin("123"));
    CHECK_FALSE(IsValidPin("123456789"));
    CHECK_FALSE(IsValidPin("12a4"));
    CHECK_FALSE(IsValidPin("１２３４")); // fullwidth digits are not ASCII digits
    CHECK_FALSE(IsValidPin(std::string("12\0" "4", 4)));
}

TEST_CASE("PIN record: format, round trip, verification")
{
    PinRecord r = MakePinRecord("2580", kSalt, kPinMinIterations);
    std::string text = FormatPinRecord(r);
    CHECK(text.rfind("pbkdf2-sha256$10000$AQIDBAUGBwgJCgsMDQ4PEA==$", 0) == 0);
    CHECK(text.size() == std::string("pbkdf2-sha256$10000$AQIDBAUGBwgJCgsMDQ4PEA==$").size() + 44);
    PinRecord back;
    std::string error;
    REQUIRE(ParsePinRecord(text, &back, &error));
    CHECK(back.iterations == 10000);
    CHECK(back.salt == r.salt);
    CHECK(back.hash == r.hash);
    CHECK(VerifyPin(back, "2580"));
    CHECK_FALSE(VerifyPin(back, "2581"));
    CHECK_FALSE(VerifyPin(back, "25800"));
    CHECK_FALSE(VerifyPin(back, ""));
    // The hash is PBKDF2 of the PIN with the salt (checked against the primitive itself).
    CHECK(r.hash == Pbkdf2HmacSha256("2580", std::string_view((const char*)kSalt, 16), 10000, 32));
}

TEST_CASE("PIN record: hostile strings are refused")
{
    const std::string good = FormatPinRecord(MakePinRecord("2580", kSalt, kPinMinIterations));
    const std::string salt = "AQIDBAUGBwgJCgsMDQ4PEA==";
    const std::string hash = good.substr(good.rfind('$') + 1);
    PinRecord out;
    out.iterations = 77;
    std::string error;
    const std::string bad[] = {
        "",
        "pbkdf2-sha256$",
        "pbkdf2-sha1$10000$" + salt + "$" + hash,
        "PBKDF2-SHA256$10000$" + salt + "$" + hash,
        "pbkdf2-sha256$9999$" + salt + "$" + hash,              // below the floor
        "pbkdf2-sha256$5000001$" + salt + "$" + hash,           // a planted count that would hash for minutes
        "pbkdf2-sha256$99999999999999999999$" + salt + "$" + hash,
        "pbkdf2-sha256$010000$" + salt + "$" + hash,            // leading zero
        "pbkdf2-sha256$+10000$" + salt + "$" + hash,
        "pbkdf2-sha256$-10000$" + salt + "$" + hash,
        "pbkdf2-sha256$1e5$" + salt + "$" + hash,
        "pbkdf2-sha256$10000$" + salt + "$" + hash + "$",
        "pbkdf2-sha256$10000$" + salt + "$" + hash + "=",
        "pbkdf2-sha256$10000$" + salt,
        "pbkdf2-sha256$10000$$" + hash,
        "pbkdf2-sha256$10000$AQIDBAUGBwgJCgsMDQ4P$" + hash,      // 15-byte salt
        "pbkdf2-sha256$10000$AQIDBAUGBwgJCgsMDQ4PEB==$" + hash, // non-canonical padding bits
        "pbkdf2-sha256$10000$AQIDBAUGBwgJCgsMDQ4PEA=A$" + hash,
        "pbkdf2-sha256$10000$AQIDBAUGBwgJ-gsMDQ4PEA==$" + hash, // base64url is not base64
        "pbkdf2-sha256$10000$" + salt + "$" + hash.substr(0, 40),
        "pbkdf2-sha256$10000$" + salt + "$" + hash + std::string("\0", 1),
        " pbkdf2-sha256$10000$" + salt + "$" + hash,
        "pbkdf2-sha256$10000$" + salt + "$" + std::string(300, 'A'),
    };
    for (const std::string& s : bad)
    {
        CAPTURE(s);
        CHECK_FALSE(ParsePinRecord(s, &out, &error));
        CHECK(out.iterations == 77); // untouched
    }
    CHECK(ParsePinRecord(good, &out, &error));
}

TEST_CASE("PIN: constant-time compare and base64 edge cases")
{
    const uint8_t a[4] = { 1, 2, 3, 4 }, b[4] = { 1, 2, 3, 5 };
    CHECK(ConstantTimeEqual(a, a, 4));
    CHECK_FALSE(ConstantTimeEqual(a, b, 4));
    std::vector<uint8_t> out;
    CHECK(Base64Decode("", &out));
    CHECK(out.empty());
    CHECK(Base64Decode("TWE=", &out));
    CHECK(std::string(out.begin(), out.end()) == "Ma");
    CHECK(Base64Decode("TQ==", &out));
    CHECK(std::string(out.begin(), out.end()) == "M");
    CHECK_FALSE(Base64Decode("TQ=", &out));
    CHECK_FALSE(Base64Decode("T===", &out));
    CHECK_FALSE(Base64Decode("TQ==TWE=", &out)); // padding in the middle
    CHECK(Base64Encode((const uint8_t*)"Man", 3) == "TWFu");
}

TEST_CASE("PIN iterations from a timed sample")
{
    CHECK(PinIterationsFor(150, 10000, 10) == 150000);
    CHECK(PinIterationsFor(150, 10000, 1000) == kPinMinIterations);     // a very slow device still gets the floor
    CHECK(PinIterationsFor(150, 10000, 0.001) == kPinMaxIterations);    // a timer too coarse to measure
    CHECK(PinIterationsFor(150, 10000, 0) == kPinDefaultIterations);
    CHECK(PinIterationsFor(150, 10000, 7) % 1000 == 0);
}

TEST_CASE("lockout: five free tries, then 30 s doubling to an hour")
{
    CHECK(PinLockDelayMs(0) == 0);
    CHECK(PinLockDelayMs(4) == 0);
    CHECK(PinLockDelayMs(5) == 30000);
    CHECK(PinLockDelayMs(6) == 60000);
    CHECK(PinLockDelayMs(7) == 120000);
    CHECK(PinLockDelayMs(11) == 1920000);
    CHECK(PinLockDelayMs(12) == 3600000);   // 3,840,000 capped
    CHECK(PinLockDelayMs(1000) == 3600000);

    PinLockout s;
    int64_t t = 1'800'000'000'000;
    for (int i = 0; i < 4; i++)
    {
        PinLockoutOnFailure(&s, t);
        CHECK(PinLockRemainingMs(s, t) == 0);
        t += 1000;
    }
    PinLockoutOnFailure(&s, t); // the fifth
    CHECK(s.failures == 5);
    CHECK(PinLockRemainingMs(s, t) == 30000);
    CHECK(PinLockRemainingMs(s, t + 29999) == 1);
    CHECK(PinLockRemainingMs(s, t + 30000) == 0);
    t += 30000;
    PinLockoutOnFailure(&s, t); // the sixth: 60 s
    CHECK(PinLockRemainingMs(s, t + 1) == 59999);
    // Survives a reload: the JSON round trip keeps the lock.
    PinLockout reloaded = PinLockoutFromJson(PinLockoutToJson(s), t + 10000);
    CHECK(reloaded.failures == 6);
    CHECK(PinLockRemainingMs(reloaded, t + 10000) == 50000);
    // The clock set back a year: still locked, but never longer than the lock earned.
    CHECK(PinLockRemainingMs(reloaded, t - 365LL * 86400000) == 60000);
    // The clock set forward past the lock: open (nothing tells a real wait from a jump).
    CHECK(PinLockRemainingMs(reloaded, t + 61000) == 0);
    PinLockoutOnSuccess(&reloaded);
    CHECK(reloaded.failures == 0);
    CHECK(PinLockRemainingMs(reloaded, t) == 0);
}

TEST_CASE("lockout: a damaged record locks rather than opens")
{
    const int64_t now = 1'800'000'000'000;
    for (const char* bad : { "", "{", "[]", "{\"failures\":\"3\",\"locked_until_ms\":0}", "{\"failures\":-1,\"locked_until_ms\":0}",
                             "{\"failures\":2}", "{\"failures\":1.5,\"locked_until_ms\":0}" })
    {
        CAPTURE(bad);
        PinLockout s = PinLockoutFromJson(bad, now);
        CHECK(s.failures == kPinFreeTries);
        CHECK(PinLockRemainingMs(s, now) == kPinFirstLockMs);
    }
    PinLockout huge = PinLockoutFromJson("{\"failures\":99999999999,\"locked_until_ms\":9000000000000000}", now);
    CHECK(PinLockRemainingMs(huge, now) == kPinMaxLockMs);
}
