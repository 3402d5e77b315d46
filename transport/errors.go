package transport

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors. Dial, Send and CloseError wrap them so that callers can
// branch with errors.Is while users read the wrapping, more specific message.
var (
	// ErrRefused means nothing accepted the TCP connection.
	ErrRefused = errors.New("connection refused")
	// ErrHostNotFound means the host name of the URL (or of the proxy) did not resolve.
	ErrHostNotFound = errors.New("cannot resolve host")
	// ErrHandshakeTimeout means the connection and upgrade did not finish within the handshake timeout.
	ErrHandshakeTimeout = errors.New("handshake timed out")
	// ErrTLS means the TLS handshake failed or the TLS files could not be loaded.
	ErrTLS = errors.New("TLS failure")
	// ErrProxy means the HTTP proxy could not be reached or refused the CONNECT request.
	ErrProxy = errors.New("proxy failure")
	// ErrBadURL means the URL is not a valid ws:// or wss:// URL.
	ErrBadURL = errors.New("invalid WebSocket URL")

	// ErrClosed is returned by Send and Ping once the connection is closing or closed.
	ErrClosed = errors.New("send on closed connection")
	// ErrBufferFull matches the *BufferFullError Send returns when unsent data would pass
	// the connection's MaxBuffered.
	ErrBufferFull = errors.New("send buffer full")
	// ErrMessageTooBig is the cause of a CloseError when the peer sent a message larger than MaxMessageSize.
	ErrMessageTooBig = errors.New("message exceeds maxMessageSize")
	// ErrInvalidUTF8 is the cause of a CloseError with code 1007 when the peer sent a text
	// message that is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("received a text message that is not valid UTF-8")
	// ErrBadCompression is the cause of a CloseError with code 1007 when a message
	// compressed with permessage-deflate did not inflate.
	ErrBadCompression = errors.New("received a compressed message that does not inflate")
	// ErrProtocol is the cause of a CloseError with code 1002 when the peer sent a frame that
	// breaks RFC 6455 (reserved bits or opcodes, an impossible length, a bad control frame).
	ErrProtocol = errors.New("the peer broke the WebSocket protocol")
	// ErrCloseTimeout is the cause of a CloseError when the peer did not answer our close frame in time.
	ErrCloseTimeout = errors.New("closing handshake timed out")
	// ErrAborted is the cause of a CloseError after Abort.
	ErrAborted = errors.New("connection aborted")
	// ErrConnectionLost is the cause of a CloseError when the peer vanished without a close frame.
	ErrConnectionLost = errors.New("connection lost")
)

// HandshakeError is returned by Dial when the server answered the upgrade
// request with something other than a valid 101 Switching Protocols.
type HandshakeError struct {
	URL        string      // the URL that was dialed, query included
	Status     int         // HTTP status code, e.g. 403
	StatusText string      // status line after the protocol, e.g. "403 Forbidden"
	Headers    http.Header // response headers
	Body       string      // the first MaxRefusalBody bytes of the response body
}

// MaxRefusalBody is how much of a refused handshake's response body
// HandshakeError.Body keeps.
const MaxRefusalBody = 4 << 10

// Error reads "connect ws://host/path: server answered 403 Forbidden: token missing": the
// start of the body follows, since that is where servers say why (Socket.IO's 400 reads
// {"code":0,"message":"Transport unknown"}).
func (e *HandshakeError) Error() string {
	if e.Status == http.StatusSwitchingProtocols {
		return "connect " + e.URL + ": server answered " + e.StatusText + " without a valid WebSocket upgrade"
	}
	msg := "connect " + e.URL + ": server answered " + e.StatusText
	if start := bodyStart(e.Body); start != "" {
		msg += ": " + start
	}
	return msg
}

// maxBodyInMessage is how many characters of a refused handshake's body its message shows.
const maxBodyInMessage = 200

// bodyStart is the start of a response body for one line of a message: whitespace runs (an
// HTML page's line breaks) made one space, other control characters and bytes that are not
// UTF-8 escaped (\x1b, \u009b), cut at maxBodyInMessage characters with "…".
func bodyStart(body string) string {
	var b strings.Builder
	n, space := 0, false
	body = strings.TrimSpace(body)
	for i, r := range body {
		if n == maxBodyInMessage {
			b.WriteString("…")
			break
		}
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case space:
			b.WriteByte(' ')
			n++
			space = false
		}
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(body[i:], "\uFFFD"): // a byte that is not UTF-8
			fmt.Fprintf(&b, `\x%02x`, body[i])
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r < 0xa0:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		n++
	}
	return b.String()
}

// dialError is the reason a Dial failed before or outside the HTTP upgrade:
// a readable message, the sentinel callers branch on, and the cause.
type dialError struct {
	msg   string
	kind  error // a sentinel such as ErrRefused; may be nil
	cause error // the underlying error; may be nil
}

func (e *dialError) Error() string { return e.msg }

func (e *dialError) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.kind != nil {
		errs = append(errs, e.kind)
	}
	if e.cause != nil {
		errs = append(errs, e.cause)
	}
	return errs
}

// CloseError describes how a connection ended. Handler.OnClose receives one
// exactly once.
type CloseError struct {
	// Code is the close code from the peer's close frame, 1005 when its
	// frame carried none, 1009 when the peer's message was too big, and
	// 1006 when the connection ended without the peer's close frame.
	Code int
	// Reason is the reason text from the peer's close frame.
	Reason string
	// Clean is true when the peer's close frame was received.
	Clean bool
	// Err is the underlying cause when the close was not clean (or the
	// size limit was hit), such as ErrConnectionLost or ErrMessageTooBig.
	Err error
}

// Error reads like "closed with 1001 going away: shutting down".
func (e *CloseError) Error() string {
	var b strings.Builder
	b.WriteString("closed with ")
	b.WriteString(strconv.Itoa(e.Code))
	if name := CloseCodeName(e.Code); name != "" {
		b.WriteByte(' ')
		b.WriteString(name)
	}
	if e.Reason != "" {
		b.WriteString(": ")
		b.WriteString(e.Reason)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying cause, if any.
func (e *CloseError) Unwrap() error { return e.Err }

// CloseCodeName returns the short RFC 6455 name of a close code, such as
// "going away" for 1001, or "" for codes without a registered meaning.
func CloseCodeName(code int) string {
	switch code {
	case 1000:
		return "normal closure"
	case 1001:
		return "going away"
	case 1002:
		return "protocol error"
	case 1003:
		return "unsupported data"
	case 1005:
		return "no status"
	case 1006:
		return "abnormal closure"
	case 1007:
		return "invalid payload data"
	case 1008:
		return "policy violation"
	case 1009:
		return "message too big"
	case 1010:
		return "mandatory extension"
	case 1011:
		return "internal error"
	case 1012:
		return "service restart"
	case 1013:
		return "try again later"
	case 1014:
		return "bad gateway"
	case 1015:
		return "TLS handshake failure"
	}
	return ""
}

// closedError is what Send and Ping return on a closing or closed
// connection: it names the close code and reason and matches ErrClosed.
type closedError struct {
	code   int
	reason string
}

func (e *closedError) Error() string {
	if e.reason == "" {
		return fmt.Sprintf("%s (closed with %d)", ErrClosed, e.code)
	}
	return fmt.Sprintf("%s (closed with %d %q)", ErrClosed, e.code, e.reason)
}

func (e *closedError) Is(target error) bool { return target == ErrClosed }

// BufferFullError is what Send returns, instead of queueing, when Buffered
// bytes already wait to be written and the message would take them past
// the connection's cap: the peer is not reading, or not fast enough. It
// matches ErrBufferFull.
type BufferFullError struct {
	Buffered int64 // bytes waiting to be written
	Size     int64 // the refused message
	Max      int64 // the cap (DialOptions.MaxBuffered or ServerOptions.MaxBuffered)
}

func (e *BufferFullError) Error() string {
	return fmt.Sprintf("%s: %d bytes are still waiting to be written, and a message of %d more would pass the cap of %d bytes (the peer is not reading, or not fast enough)",
		ErrBufferFull, e.Buffered, e.Size, e.Max)
}

// Is reports whether target is ErrBufferFull.
func (e *BufferFullError) Is(target error) bool { return target == ErrBufferFull }
