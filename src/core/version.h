#pragma once

namespace manyi {

constexpr const char* kVersion = "0.1.0";

} // namespace manyi
