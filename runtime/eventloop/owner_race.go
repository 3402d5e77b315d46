//go:build race

package eventloop

// checkOwner turns MustOwn's check on: builds with the race detector, that is the tests.
const checkOwner = true
