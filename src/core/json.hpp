#pragma once
/// The one JSON writer of maillage: a small streaming writer that keeps the
/// commas, the colons and the nesting right, so no output builds JSON by
/// string concatenation. The layout of each container is chosen when it is
/// opened, so the writer reproduces the project's outputs byte for byte: the
/// reports (one member per line at the top, one row per line, each row on one
/// line with ", " and ": "), GeoJSON (compact, one feature per line) and the
/// web map's configuration.

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace maillage {

/// `text` as a JSON string literal with its quotes: '"', '\\', \n, \r, \t
/// escaped by name, other control characters as \u00XX, everything else
/// (UTF-8 included) passed through.
std::string json_string(std::string_view text);

/// A real number in the shortest text that reads back to the same double
/// ("0.1", "12"); 0 and -0 give "0"; non-finite values give "null" (JSON has
/// no NaN).
std::string format_real(double value);

/// Separators and indentation of a JsonWriter.
struct JsonStyle {
    /// Spaces per nesting level before an element of a multi-line container.
    int indent = 2;
    /// ", " between elements of a one-line container and ": " after a key;
    /// false: "," and ":".
    bool spaced = true;

    /// The reports' style: two spaces per level, ", " and ": ".
    static JsonStyle report() { return {2, true}; }
    /// No space anywhere, no indentation (GeoJSON, the web map).
    static JsonStyle compact() { return {0, false}; }
};

/// Writes one JSON value (usually an object) into a string, token by token.
/// Containers are opened with a layout and closed in reverse order; inside an
/// object every value follows a key. Misuse (a value without its key, a
/// close that does not match) is a programmer error, caught by assert.
/// Example: w.begin_object().key("n").integer(3).end_object() gives {"n": 3}.
class JsonWriter {
  public:
    /// Where the elements of a container go.
    enum class Layout {
        /// [a, b] on the current line.
        one_line,
        /// Each element on its own line, indented one level deeper than the
        /// container; the closing bracket on its own line, at the container's
        /// level: "[\n  a,\n  b\n]" ("[\n]" when empty).
        lines,
        /// A line break after the opening bracket, elements separated by
        /// ",\n", the closing bracket right after the last element:
        /// "[\na,\nb]" (the web map's list of layers).
        lines_close_on_last,
    };

    explicit JsonWriter(JsonStyle style = JsonStyle::report());

    JsonWriter& begin_object(Layout layout = Layout::one_line);
    JsonWriter& end_object();
    JsonWriter& begin_array(Layout layout = Layout::one_line);
    JsonWriter& end_array();

    /// The key of the next member of the current object.
    JsonWriter& key(std::string_view name);

    /// A string value, escaped by json_string.
    JsonWriter& string(std::string_view text);
    /// An integer value in plain decimal (std::to_string).
    template <std::integral T>
        requires(!std::same_as<T, bool>)
    JsonWriter& integer(T value) {
        return number(std::to_string(value));
    }
    /// A real value with exactly `decimals` decimals (format_fixed: '.' as
    /// decimal mark, never "-0.0").
    JsonWriter& fixed(double value, int decimals);
    /// A real value in the shortest exact text (format_real; null if not finite).
    JsonWriter& real(double value);
    /// A number already formatted by the caller (a table cell such as "12.5"),
    /// written as is. It must be a JSON number.
    JsonWriter& number(std::string_view text);
    JsonWriter& boolean(bool value);
    JsonWriter& null();
    /// A value already serialised as JSON (with any whitespace it carries),
    /// written as is: a GeoJSON document inside the web map's configuration.
    JsonWriter& raw(std::string_view json);

    /// True once the top-level value is complete.
    bool done() const { return m_done; }
    /// The text written so far.
    const std::string& str() const { return m_out; }
    /// The finished text (the writer is left empty). Asserts done().
    std::string take();

  private:
    struct Frame {
        bool object = false;
        Layout layout = Layout::one_line;
        bool empty = true;
    };

    JsonWriter& open(bool object, Layout layout);
    JsonWriter& close(bool object);
    void before_value();
    void next_element(Frame& frame);
    void new_line(std::size_t depth);

    JsonStyle m_style;
    std::string m_out;
    std::vector<Frame> m_stack;
    bool m_after_key = false;
    bool m_done = false;
};

} // namespace maillage
