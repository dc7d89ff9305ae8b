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

/// True if `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

/// True for a text that parse_double reads but that is written with '.' as a
/// thousands separator, the French spreadsheet way: "5.000", "1.234.567"
/// (digits grouped by three after every '.'). For counts such as a
/// population, where "5.000" means 5000 and not 5.
bool looks_like_thousands_separator(std::string_view text);

/// `text` trimmed, without its '.' characters ("5.000" -> "5000"), for the
/// hint of a message about looks_like_thousands_separator.
std::string without_dots(std::string_view text);

/// Edit distance between two texts, byte by byte: insertions, deletions,
/// substitutions and swaps of two neighbours count 1 each ("code_feild" ->
/// "code_field" is 1). Cost |a| x |b|: for key names, not for documents.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Of `candidates`, the one closest to `word` by edit_distance if it is close
/// enough to be a typo of it (at most 2 edits, or a quarter of the word's
/// length for long words); empty if none is. Ties: the first in the list.
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

/// Removes leading and trailing ASCII spaces and tabs.
std::string_view trim(std::string_view text);

/// Splits on `sep`, keeping empty pieces.
std::vector<std::string_view> split(std::string_view text, char sep);

/// Digits grouped by three with `sep`: group_digits(1104397, ",") -> "1,104,397".
std::string group_digits(unsigned long long value, std::string_view sep);

/// A signed integer with its digits grouped by three with `sep`, for text read
/// by people: format_grouped(-1104397) -> "-1 104 397".
std::string format_grouped(long long value, std::string_view sep = " ");

/// Fixed number of decimals, '.' as decimal mark, never "-0.0".
std::string format_fixed(double value, int decimals);

/// Quotes a value for a message: "value" with control characters and bytes
/// that are not UTF-8 escaped as \xNN, and long values shortened.
std::string quote(std::string_view text);
/// Same as quote (older name; prefer quote, which std::quoted cannot shadow).
inline std::string quoted(std::string_view text) { return quote(text); }

} // namespace maillage
