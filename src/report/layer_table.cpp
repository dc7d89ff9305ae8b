#include "report/layer_table.hpp"

#include "core/json.hpp"
#include "report/table.hpp"

namespace maillage {

namespace {

std::string cell(const geo::FieldValue& v) {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) return "";
            else if constexpr (std::is_same_v<T, std::string>) return x;
            else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(x);
            else if constexpr (std::is_same_v<T, double>) return format_real(x);
            else return x ? "true" : "false";
        },
        v);
}

} // namespace

std::string render_layer_table(const geo::OutputLayer& layer, const LayerTableHeader& header, Format format) {
    if (format == Format::json) {
        JsonWriter w;
        w.begin_object(JsonWriter::Layout::lines);
        w.key("title").string(header.title);
        for (const auto& [k, v] : header.facts) w.key(k).string(v);
        w.key("rows").begin_array(JsonWriter::Layout::lines);
        for (const auto& f : layer.features) {
            w.begin_object();
            for (std::size_t i = 0; i < layer.fields.size(); ++i) {
                w.key(layer.fields[i].name);
                std::visit(
                    [&](const auto& x) {
                        using T = std::decay_t<decltype(x)>;
                        if constexpr (std::is_same_v<T, std::monostate>) w.null();
                        else if constexpr (std::is_same_v<T, std::string>) w.string(x);
                        else if constexpr (std::is_same_v<T, std::int64_t>) w.integer(x);
                        else if constexpr (std::is_same_v<T, double>) w.real(x);
                        else w.boolean(x);
                    },
                    f.values[i]);
            }
            w.end_object();
        }
        w.end_array();
        w.end_object();
        return w.str() + "\n";
    }
    Table t;
    for (const auto& fd : layer.fields) {
        t.columns.push_back(fd.name);
        t.right_align.push_back(fd.type == geo::FieldType::integer || fd.type == geo::FieldType::real);
    }
    for (const auto& f : layer.features) {
        std::vector<std::string> row;
        row.reserve(f.values.size());
        for (const auto& v : f.values) row.push_back(cell(v));
        t.add_row(std::move(row));
    }
    if (format == Format::csv) return render_csv(t);
    std::string o;
    const bool md = format == Format::md;
    o += md ? "# " + markdown_text(header.title) + "\n\n" : header.title + "\n" + std::string(header.title.size(), '=') + "\n";
    for (const auto& [k, v] : header.facts) o += (md ? "- " + markdown_text(k) + ": " + markdown_text(v) : k + ": " + v) + "\n";
    o += "\n";
    o += md ? render_markdown(t) : render_text(t);
    return o;
}

} // namespace maillage
