#include "core/file.hpp"

#include "core/error.hpp"

#include <fstream>
#include <sstream>

namespace maillage {

std::string read_text_file(const std::string& path, std::string_view kind) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open the " + std::string(kind) + " (permission denied?)");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError(path + ": cannot read the " + std::string(kind));
    return std::move(text).str();
}

} // namespace maillage
