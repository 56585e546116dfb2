// Package atomicfile writes the files Penny leaves for its users (reports,
// bench results and charts, bundle manifests, download progress) so that
// nothing is ever half written: the data goes to a temporary file in the
// same folder, is flushed to disk, and is renamed over the final name;
// the folder is then synced so that the rename itself survives a crash.
// A reader sees the old file or the new one, never a mix, and a failed
// write leaves the old file as it was.
//
// Files get mode 0644, set with chmod whatever the umask. Temporary files
// are named "." + the final name + ".tmp-" + a random suffix, so that
// they are hidden and never match the final name's pattern; a crash may
// leave one behind, never a damaged final file.
package atomicfile
