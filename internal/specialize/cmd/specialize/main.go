// Command specialize writes the generated code of the package in the
// current directory (or -dir): the specialized copies of the functions
// marked //penny:specialize and the dispatchers of those marked
// //penny:backends. It is run by go generate; see package
// github.com/pennybt/penny/internal/specialize for what it writes.
//
//	//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize
//
// On anything it cannot generate correctly it prints the position and the
// reason and exits with status 1, leaving the generated files as they were.
package main

import (
	"flag"
	"log"

	"github.com/pennybt/penny/internal/specialize"
)

func main() {
	dir := flag.String("dir", ".", "package `directory`")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("specialize: ")
	files, err := specialize.Generate(*dir)
	if err != nil {
		log.Fatal(err)
	}
	if err := specialize.Write(*dir, files); err != nil {
		log.Fatal(err)
	}
}
