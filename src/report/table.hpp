#pragma once
/// A plain table of text cells and its renderings: aligned terminal text,
/// CSV (RFC 4180), Markdown. Rendering returns strings; the library never prints.
/// Numbers in cells are formatted by core/text (format_fixed, format_grouped).

#include <string>
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

/// A comment line of a CSV output ("# travel model: ..."): `text` with line
/// breaks replaced by spaces and every piece after a comma made
/// spreadsheet_safe, since a spreadsheet splits the comment into cells too.
std::string csv_comment(const std::string& text);

/// Text for a Markdown document: '&' and '<' as HTML entities (enough to stop any tag; '>' stays readable), so a name
/// such as "<script>" is shown, never run, wherever the Markdown is rendered.
std::string markdown_text(const std::string& text);

} // namespace maillage
