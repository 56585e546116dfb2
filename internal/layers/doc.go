// Package layers holds the order of Penny's packages, from the numbers up
// to the command, and a test that fails on an import pointing up that
// order: the data flows one way (bundle -> data portal -> clock/engine ->
// strategy -> orders -> execution -> ledger -> metrics -> report) and the
// imports follow it. docs/architecture.md draws it.
//
// A package added to the module must be placed in [Order] (the test fails
// on a package it does not list), below every package that imports it.
package layers
