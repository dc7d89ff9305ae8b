#pragma once
/// Reading a small text input (scenario, schedule, profile) whole.

#include <string>
#include <string_view>

namespace maillage {

/// The bytes of the file at `path`. `kind` names it in errors ("scenario
/// file"): InputError "PATH: cannot open the KIND (permission denied?)" or
/// "PATH: cannot read the KIND". Callers check existence, directories and
/// size limits first, with their own messages.
std::string read_text_file(const std::string& path, std::string_view kind);

} // namespace maillage
