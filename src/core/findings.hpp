#pragma once
/// Problems and notes of a run, each with its kind, so that a long list
/// (one message per demand point outside every commune, say) can be shown
/// as the first few messages of each kind and a count.

#include "core/log.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace maillage {

/// Messages in the order they were found, each with a kind: a short phrase
/// shared by every message of the kind ("demand point outside every commune").
class Findings {
  public:
    /// Adds one message. `kind` must not be empty.
    void add(std::string kind, std::string message);
    /// Adds every message of `other`, in order.
    void append(const Findings& other);

    bool empty() const { return m_messages.empty(); }
    std::size_t size() const { return m_messages.size(); }
    const std::string& operator[](std::size_t i) const { return m_messages[i]; }
    const std::string& kind(std::size_t i) const { return m_kinds[i]; }
    /// Every message, in order.
    const std::vector<std::string>& messages() const { return m_messages; }
    std::vector<std::string>::const_iterator begin() const { return m_messages.begin(); }
    std::vector<std::string>::const_iterator end() const { return m_messages.end(); }

  private:
    std::vector<std::string> m_messages;
    std::vector<std::string> m_kinds;
};

/// How many messages of one kind are shown before the rest is counted.
inline constexpr std::size_t kShownPerKind = 5;

/// The usual hint after a count of messages left out.
inline constexpr const char* kAllWithCheckVerbose = " (all of them with 'maillage check --verbose')";

/// The messages to show. `per_kind` 0: all of them. Otherwise the first
/// `per_kind` messages of each kind in their order, then, for each kind with
/// more, one line "... and 45,296 more of the kind: <kind>" followed by
/// `hint` (e.g. " (all with 'maillage check --verbose')"). O(n log kinds).
std::vector<std::string> abridged(const Findings& findings, std::size_t per_kind, const std::string& hint = "");

/// Logs abridged(findings, per_kind, hint) as warnings.
void log_warnings(const Logger& log, const Findings& findings, std::size_t per_kind = kShownPerKind,
                  const std::string& hint = kAllWithCheckVerbose);

} // namespace maillage
