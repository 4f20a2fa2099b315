// `manyi pin-hash`: the operator PIN record a fleet presets on its kiosks (mount option
// operatorPin, docs/operator-guide.md). The PIN is read from standard input, never from the
// command line (where shell history and process lists would keep it).
#include "pin_hash.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "core/pin_record.h"
#include "core/sha256.h"

static bool RandomSalt(uint8_t out[manyi::kPinSaltBytes])
{
    FILE* f = fopen("/dev/urandom", "rb");
    if (!f) return false;
    const bool ok = fread(out, 1, manyi::kPinSaltBytes, f) == manyi::kPinSaltBytes;
    fclose(f);
    return ok;
}

int CommandPinHash(int argc, char** argv)
{
    uint32_t iterations = manyi::kPinDefaultIterations;
    for (int i = 2; i < argc; i++)
    {
        if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc)
        {
            char* end = nullptr;
            unsigned long n = strtoul(argv[++i], &end, 10);
            if (!end || *end || n < manyi::kPinMinIterations || n > manyi::kPinMaxIterations)
            {
                fprintf(stderr, "manyi pin-hash: --iterations must be %u to %u\n", manyi::kPinMinIterations, manyi::kPinMaxIterations);
                return 2;
            }
            iterations = (uint32_t)n;
        }
        else
        {
            fprintf(stderr, "manyi pin-hash: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    std::string pin;
    std::getline(std::cin, pin);
    if (!pin.empty() && pin.back() == '\r') pin.pop_back();
    if (!manyi::IsValidPin(pin))
    {
        fputs("manyi pin-hash: the PIN on standard input must be 4 to 8 digits\n", stderr);
        return 2;
    }
    uint8_t salt[manyi::kPinSaltBytes];
    if (!RandomSalt(salt))
    {
        fputs("manyi pin-hash: cannot read /dev/urandom\n", stderr);
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const manyi::PinRecord r = manyi::MakePinRecord(pin, salt, iterations);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    printf("%s\n", manyi::FormatPinRecord(r).c_str());
    fprintf(stderr, "manyi pin-hash: %u iterations, %.0f ms here\n", iterations, ms);
    return 0;
}
