// Issue 21, item 6: names that a spreadsheet would run as formulas
// ("=HYPERLINK(...)", "+cmd|' /C calc'!A0", "@SUM(...)", a leading tab) come
// out of every CSV output with a leading apostrophe (OWASP), numbers stay as
// they are; HTML in names is escaped in Markdown outputs. The scenario
// tests/data/bad/reliability/formula-names.toml differs from tiny.toml by
// its names only.

#include "../support/fixtures.hpp"

#include "core/text.hpp"
#include "report/table.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using maillage::test::read_text;
using maillage::test::TempDir;

namespace {

std::string scenario() { return maillage::test::source_path("tests/data/bad/reliability/formula-names.toml"); }

// The cells of a CSV text (RFC 4180 quoting), comment lines ('#') skipped.
std::vector<std::string> csv_cells(const std::string& text) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false, line_start = true, comment = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (line_start) {
            comment = c == '#';
            line_start = false;
        }
        if (comment) {
            if (c == '\n') line_start = true;
            continue;
        }
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',' || c == '\n') {
            cells.push_back(cell);
            cell.clear();
            if (c == '\n') line_start = true;
        } else {
            cell += c;
        }
    }
    return cells;
}

// Every cell a spreadsheet would read as a formula: starting with = + - @,
// a tab or CR, and not a number.
std::vector<std::string> formula_cells(const std::string& csv) {
    std::vector<std::string> bad;
    for (const auto& c : csv_cells(csv)) {
        if (c.empty() || c == "-") continue;
        const char f = c.front();
        const bool trigger = f == '=' || f == '+' || f == '-' || f == '@' || f == '\t' || f == '\r';
        if (trigger && !((f == '+' || f == '-') && maillage::parse_double(c))) bad.push_back(c);
    }
    return bad;
}

void check_neutralised(const std::string& csv, const std::vector<std::string>& names) {
    CAPTURE(csv);
    CHECK(formula_cells(csv).empty());
    const auto cells = csv_cells(csv);
    // The names are there, with their apostrophe: the check above is not vacuous.
    for (const auto& name : names) {
        CAPTURE(name);
        CHECK(std::find(cells.begin(), cells.end(), "'" + name) != cells.end());
    }
}

const std::string kCantonFormula = "=HYPERLINK(\"http://evil.example/\",\"Ouest\")";
const std::string kAlpha = "+cmd|' /C calc'!A0";
const std::string kBeta = "-2+3+cmd|' /C calc'!A0";
const std::string kGamma = "@SUM(1+1)*cmd|' /C calc'!A0";

} // namespace

TEST_CASE("csv injection: spreadsheet_safe neutralises text, never numbers") {
    using maillage::spreadsheet_safe;
    CHECK(spreadsheet_safe("=1+1") == "'=1+1");
    CHECK(spreadsheet_safe("+cmd") == "'+cmd");
    CHECK(spreadsheet_safe("-2+3") == "'-2+3");
    CHECK(spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)");
    CHECK(spreadsheet_safe("\tx") == "'\tx");
    CHECK(spreadsheet_safe("\rx") == "'\rx");
    CHECK(spreadsheet_safe("-3.5") == "-3.5");
    CHECK(spreadsheet_safe("-12") == "-12");
    CHECK(spreadsheet_safe("+2") == "+2");
    CHECK(spreadsheet_safe("-") == "-");
    CHECK(spreadsheet_safe("") == "");
    CHECK(spreadsheet_safe("Saint-Malo") == "Saint-Malo");
    maillage::Table t;
    t.columns = {"name", "delta"};
    t.add_row({"=HYPERLINK(\"x\")", "-1.5"});
    CHECK(maillage::render_csv(t) == "name,delta\n\"'=HYPERLINK(\"\"x\"\")\",-1.5\n");
    CHECK(maillage::localize_csv(maillage::render_csv(t), maillage::CsvLocale::fr) ==
          "\xEF\xBB\xBFname;delta\n\"'=HYPERLINK(\"\"x\"\")\";-1,5\n");
    CHECK(maillage::markdown_text("<script>a & b</script>") == "&lt;script>a &amp; b&lt;/script>");
}

TEST_CASE("csv injection: cantons, report and plan CSV outputs") {
    SUBCASE("cantons --format csv") {
        const auto r = maillage::test::run_cli({"cantons", scenario(), "--format", "csv"});
        REQUIRE(r.exit_code == 0);
        check_neutralised(r.out, {kCantonFormula});
    }
    SUBCASE("report --format csv, by canton and by commune") {
        const auto r = maillage::test::run_cli({"report", scenario(), "--format", "csv"});
        REQUIRE(r.exit_code == 0);
        check_neutralised(r.out, {kCantonFormula});
        const auto c = maillage::test::run_cli({"report", scenario(), "--format", "csv", "--by", "commune"});
        REQUIRE(c.exit_code == 0);
        check_neutralised(c.out, {kAlpha, kBeta, kGamma});
    }
    SUBCASE("rank and plan --format csv") {
        const auto r = maillage::test::run_cli({"rank", scenario(), "--cantons", "all", "--format", "csv"});
        REQUIRE(r.exit_code == 0);
        CAPTURE(r.out);
        CHECK(formula_cells(r.out).empty());
        CHECK(r.out.find("'" + kAlpha) != std::string::npos);
        const auto p = maillage::test::run_cli({"plan", scenario(), "--add", "1", "--format", "csv"});
        REQUIRE(p.exit_code == 0);
        CAPTURE(p.out);
        CHECK(formula_cells(p.out).empty());
        CHECK(p.out.find("'" + kGamma) != std::string::npos); // the one candidate chosen
    }
}

TEST_CASE("csv injection: export's report CSVs are neutralised, its Markdown escapes HTML") {
    TempDir dir;
    const auto out = dir.file("export");
    const auto r = maillage::test::run_cli({"export", scenario(), "--out", out, "--no-map"});
    REQUIRE(r.exit_code == 0);
    check_neutralised(read_text(out + "/report-cantons.csv"), {kCantonFormula});
    check_neutralised(read_text(out + "/report-communes.csv"), {kAlpha, kBeta, kGamma});
    const auto md = read_text(out + "/report.md");
    CHECK(md.find("<script>") == std::string::npos);
    CHECK_CONTAINS(md, "&lt;script>alert(1)&lt;/script>");      // a canton name, in the table
    CHECK_CONTAINS(md, "Tiny &lt;script>alert('name')&lt;/script>"); // the territory, in the title
}

TEST_CASE("csv injection: Markdown outputs of cantons and report escape HTML") {
    for (const std::string cmd : {"cantons", "report"}) {
        CAPTURE(cmd);
        const auto r = maillage::test::run_cli({cmd, scenario(), "--format", "md"});
        REQUIRE(r.exit_code == 0);
        CHECK(r.out.find("<script>") == std::string::npos);
        CHECK_CONTAINS(r.out, "&lt;script>");
    }
}
