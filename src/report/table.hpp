#pragma once
/// A plain table of text cells and its renderings: aligned terminal text,
/// CSV (RFC 4180), Markdown. Rendering returns strings; the library never prints.
/// Numbers in cells are formatted by core/text (format_fixed, format_grouped).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillage {

struct Table {
    std::vector<std::string> columns;
    std::vector<bool> right_align; ///< per column (numbers); default left
    std::vector<std::vector<std::string>> rows;

    void add_row(std::vector<std::string> row) { rows.push_back(std::move(row)); }
};

/// Columns padded to their widest cell (UTF-8 aware), a rule under the header.
std::string render_text(const Table& table);
/// RFC 4180: comma separated, fields quoted when needed, "\n" line ends.
/// Every cell goes through spreadsheet_safe (no formula injection).
std::string render_csv(const Table& table);
/// GitHub-flavoured Markdown table ('|' escaped, HTML escaped by markdown_text).
std::string render_markdown(const Table& table);

/// A CSV cell that a spreadsheet will not run as a formula (OWASP "CSV
/// injection"): a text starting with '=', '+', '-', '@', a tab or a carriage
/// return gets a leading apostrophe ("=HYPERLINK(...)" -> "'=HYPERLINK(...)").
/// Numbers ("-3.5", "+2") and the lone "-" placeholder stay as they are.
std::string spreadsheet_safe(const std::string& cell);

/// How CSV files are written: `c` is RFC 4180 (',' between fields, '.' in
/// numbers); `fr` is what a French spreadsheet opens as is: ';' between
/// fields, decimal commas ("-1,660718") and a UTF-8 byte order mark, which
/// French Excel needs to read accents.
enum class CsvLocale { c, fr };

/// "c" (or "en", "default") and "fr"; nullopt for anything else.
std::optional<CsvLocale> parse_csv_locale(std::string_view text);

/// Reads CSV text strictly (RFC 4180 with `sep`): quoted fields may hold the
/// separator, quotes ("") and line breaks; a UTF-8 byte order mark at the
/// start is skipped. Throws InputError naming the line of an unclosed quote
/// or of a quote inside an unquoted field. `name` names the text in messages.
std::vector<std::vector<std::string>> parse_csv(std::string_view text, char sep, const std::string& name);

/// A CSV written by render_csv, rewritten for `locale`: the same cells, with
/// every cell that is a plain decimal number ("-1.5", "98.2") written with a
/// decimal comma, fields separated by ';' and quoted when they hold one.
/// Identity for CsvLocale::c.
std::string localize_csv(std::string_view csv, CsvLocale locale);

/// The notes file written beside a CSV file (a CSV holds the header and the
/// rows only): "report-cantons.csv" -> "report-cantons.txt"; a path that does
/// not end in ".csv" gets ".txt" appended.
std::string csv_notes_path(const std::string& csv_path);

/// The text of that notes file: which file it describes, one note a line
/// (travel model, demand, date, sources...), then how the CSV is written.
std::string csv_notes_text(const std::string& csv_name, const std::vector<std::string>& notes, CsvLocale locale);

/// Text for a Markdown document: '&' and '<' as HTML entities (enough to stop any tag; '>' stays readable), so a name
/// such as "<script>" is shown, never run, wherever the Markdown is rendered.
std::string markdown_text(const std::string& text);

} // namespace maillage
