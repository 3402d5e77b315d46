package watch

// This package has no golden files, but go test ./... -update hands -update to its test
// binary too, which fails on a flag it does not define; goldentest defines it.
import _ "github.com/wsrun/wsrun/internal/goldentest"
