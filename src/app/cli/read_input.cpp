#include "read_input.h"

#include <cerrno>
#include <cstring>

namespace manyi {

bool ReadStream(FILE* f, std::string* out, std::string* error)
{
    out->clear();
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        out->append(buf, n);
    if (ferror(f))
    {
        *error = strerror(errno);
        return false;
    }
    return true;
}

bool ReadFile(const char* path, std::string* out, std::string* error)
{
    FILE* f = fopen(path, "rb");
    if (!f)
    {
        *error = std::string("cannot open '") + path + "': " + strerror(errno);
        return false;
    }
    std::string reason;
    const bool ok = ReadStream(f, out, &reason);
    fclose(f);
    if (!ok)
        *error = std::string("cannot read '") + path + "': " + reason;
    return ok;
}

} // namespace manyi
