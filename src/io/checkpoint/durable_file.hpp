#pragma once
// File operations that survive a kill or a node crash at any moment: copies and text files are
// written under a temporary name, fsync'ed, then renamed into place (and the folder fsync'ed), so a
// reader sees either the old file or the new one, never a mixture. Errors throw OutputError.
#include <string>

namespace marrow::durable {

// Copies `from` to `to` (truncating it) and fsyncs the copy.
void copy_file(const std::string& from, const std::string& to);
// fsyncs `tmp`, renames it to `path` and fsyncs the folder.
void commit(const std::string& tmp, const std::string& path);
// Writes `text` to `path` through "<path>.<host>.<pid>.tmp" (several processes, on several nodes of a
// shared file system, may write the same file at once: each rename is atomic, the last one wins).
void write_text(const std::string& path, const std::string& text);
// Removes a file; a missing file is fine.
void remove(const std::string& path);

}  // namespace marrow::durable
