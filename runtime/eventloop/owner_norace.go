//go:build !race

package eventloop

// checkOwner turns MustOwn's check off in builds without the race detector: releases.
const checkOwner = false
