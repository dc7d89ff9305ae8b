#pragma once
/// Strict text-to-number conversions and small string helpers used by readers.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillage {

/// Parses a decimal number with '.' as the decimal mark and nothing else
/// around it but spaces. "48,21", "1 234", "NA", "" and "inf" give nullopt.
std::optional<double> parse_double(std::string_view text);

/// Parses a base-10 integer (optional sign, spaces around). nullopt otherwise.
std::optional<long long> parse_integer(std::string_view text);

/// Removes leading and trailing ASCII spaces and tabs.
std::string_view trim(std::string_view text);

/// Splits on `sep`, keeping empty pieces.
std::vector<std::string_view> split(std::string_view text, char sep);

/// Quotes a value for a message: "value" with control characters escaped and
/// long values shortened.
std::string quote(std::string_view text);
/// Same as quote (older name; prefer quote, which std::quoted cannot shadow).
inline std::string quoted(std::string_view text) { return quote(text); }

} // namespace maillage
