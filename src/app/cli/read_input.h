// Reading whole inputs for the CLI, with errors that name the file and the reason.
#pragma once
#include <cstdio>
#include <string>

namespace manyi {

bool ReadStream(FILE* f, std::string* out, std::string* error);
bool ReadFile(const char* path, std::string* out, std::string* error);

} // namespace manyi
