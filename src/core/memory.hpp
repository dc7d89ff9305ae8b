#pragma once
/// How much memory this process holds and how much more it may take: what
/// a large computation checks before it starts, so that it stops with a
/// message rather than being killed by the kernel's out-of-memory killer.
/// Linux only (/proc, cgroup v2); elsewhere the functions return nullopt.

#include <cstddef>
#include <optional>
#include <string>

namespace maillage {

/// Resident set size of this process now (bytes), from /proc/self/statm.
std::optional<std::size_t> resident_bytes();

/// Memory the process may still take (bytes): MemAvailable of
/// /proc/meminfo, lowered to what the process's cgroup (v2) still allows
/// when it has a limit.
std::optional<std::size_t> available_bytes();

/// "1.25 GiB", "35.5 MiB", "350 MiB": binary units, 3 significant digits.
std::string format_bytes(double bytes);

/// Parses "4G", "512M", "1.5GiB", "2000000000" (bytes; K, M, G, T with an
/// optional "i" and "B", all binary); nullopt if not understood or zero.
std::optional<std::size_t> parse_bytes(const std::string& text);

} // namespace maillage
