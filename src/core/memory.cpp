#include "core/memory.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace maillage {

namespace {

std::optional<std::size_t> read_number(const std::string& path) {
    std::ifstream in(path);
    std::string word;
    if (!(in >> word) || word == "max") return std::nullopt;
    try {
        return static_cast<std::size_t>(std::stoull(word));
    } catch (...) {
        return std::nullopt;
    }
}

/// The cgroup v2 folder of this process ("0::/path" in /proc/self/cgroup).
std::optional<std::string> cgroup_dir() {
    std::ifstream in("/proc/self/cgroup");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("0::", 0) == 0) return "/sys/fs/cgroup" + line.substr(3);
    return std::nullopt;
}

} // namespace

std::optional<std::size_t> resident_bytes() {
    std::ifstream in("/proc/self/statm");
    std::size_t size_pages = 0, resident_pages = 0;
    if (!(in >> size_pages >> resident_pages)) return std::nullopt;
    const long page = sysconf(_SC_PAGESIZE);
    return resident_pages * static_cast<std::size_t>(page > 0 ? page : 4096);
}

std::optional<std::size_t> available_bytes() {
    std::optional<std::size_t> avail;
    {
        std::ifstream in("/proc/meminfo");
        std::string key;
        std::size_t kib = 0;
        std::string unit;
        while (in >> key >> kib) {
            std::getline(in, unit);
            if (key == "MemAvailable:") {
                avail = kib * 1024;
                break;
            }
        }
    }
    if (const auto dir = cgroup_dir()) {
        const auto limit = read_number(*dir + "/memory.max");
        const auto used = read_number(*dir + "/memory.current");
        if (limit && used) {
            const std::size_t left = *limit > *used ? *limit - *used : 0;
            avail = avail ? std::min(*avail, left) : left;
        }
    }
    return avail;
}

std::string format_bytes(double bytes) {
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (bytes >= 1024 && u < 4) bytes /= 1024, ++u;
    if (u == 0) return std::to_string(static_cast<long long>(std::llround(bytes))) + " B";
    return format_fixed(bytes, bytes < 10 ? 2 : bytes < 100 ? 1 : 0) + " " + units[u];
}

std::optional<std::size_t> parse_bytes(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    const auto number = parse_double(text.substr(0, i));
    if (!number || *number <= 0) return std::nullopt;
    std::string unit = text.substr(i);
    for (auto& ch : unit) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (!unit.empty() && unit.back() == 'B') unit.pop_back();
    if (!unit.empty() && unit.back() == 'I') unit.pop_back();
    double factor = 1;
    if (unit == "K") factor = 1024.0;
    else if (unit == "M") factor = 1024.0 * 1024;
    else if (unit == "G") factor = 1024.0 * 1024 * 1024;
    else if (unit == "T") factor = 1024.0 * 1024 * 1024 * 1024;
    else if (!unit.empty()) return std::nullopt;
    const double bytes = *number * factor;
    if (bytes < 1 || bytes > 1e18) return std::nullopt;
    return static_cast<std::size_t>(bytes);
}

} // namespace maillage
