// Package strictyaml holds the checks gopkg.in/yaml.v3 does not make and
// Penny's YAML files need, for every place that decodes one (a run's
// config, a strategy's params, the csv and synthetic source configs):
//
//   - [Whole]: yaml.v3 decodes 5.99 into an int as 5 and 3.5 into a
//     uint64 as 3, silently. Whole walks the nodes beside the Go type
//     they decode into and refuses a number with a fraction where the
//     type holds whole numbers, naming the key and its line. A value
//     whole in fact (5.0, 1e3) is accepted, as yaml.v3 reads it.
//   - [One]: yaml.v3's decoder reads the first document of a stream and
//     ignores the rest; One refuses a file of several documents (a second
//     config after "---" would be dropped without a word).
package strictyaml
