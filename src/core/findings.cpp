#include "core/findings.hpp"

#include "core/text.hpp"

#include <cassert>
#include <map>

namespace maillage {

void Findings::add(std::string kind, std::string message) {
    assert(!kind.empty());
    m_kinds.push_back(std::move(kind));
    m_messages.push_back(std::move(message));
}

void Findings::append(const Findings& other) {
    m_kinds.insert(m_kinds.end(), other.m_kinds.begin(), other.m_kinds.end());
    m_messages.insert(m_messages.end(), other.m_messages.begin(), other.m_messages.end());
}

std::vector<std::string> abridged(const Findings& findings, std::size_t per_kind, const std::string& hint) {
    if (per_kind == 0) return findings.messages();
    std::vector<std::string> shown;
    std::map<std::string, std::size_t> seen;  // kind -> messages of the kind so far
    std::vector<std::string> order;           // kinds with more than per_kind, first seen first
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const std::size_t n = ++seen[findings.kind(i)];
        if (n <= per_kind)
            shown.push_back(findings[i]);
        else if (n == per_kind + 1)
            order.push_back(findings.kind(i));
    }
    for (const auto& kind : order)
        shown.push_back("... and " + group_digits(seen[kind] - per_kind, ",") + " more of the kind: " + kind + hint);
    return shown;
}

void log_warnings(const Logger& log, const Findings& findings, std::size_t per_kind, const std::string& hint) {
    for (const auto& m : abridged(findings, per_kind, hint)) log.warning(m);
}

} // namespace maillage
