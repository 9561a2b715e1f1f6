package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrForbiddenAddress is returned when a URL leads — directly, through DNS
// or through a redirect — to an address sitrep must not reach on a user's
// behalf: loopback, private, link-local (cloud metadata at 169.254.169.254),
// unspecified or multicast.
var ErrForbiddenAddress = errors.New("address not allowed")

// forbidden says why addr may not be dialled, or "" when it may.
func forbidden(addr netip.Addr) string {
	addr = addr.Unmap()
	switch {
	case addr.IsLoopback():
		return "loopback"
	case addr.IsPrivate():
		return "private"
	case addr.IsLinkLocalUnicast(), addr.IsLinkLocalMulticast():
		return "link-local"
	case addr.IsUnspecified():
		return "unspecified"
	case addr.IsMulticast(), addr.IsInterfaceLocalMulticast():
		return "multicast"
	case cgnat.Contains(addr):
		return "shared (carrier-grade NAT)"
	}
	return ""
}

// cgnat is 100.64.0.0/10, shared address space that is private in practice.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// guard is a net.Dialer Control function. It runs after name resolution,
// on the very address about to be connected, so a hostname that resolves
// (or re-resolves, in a DNS-rebinding attack) to a private address is
// refused as surely as a literal one, on every redirect hop.
type guard struct {
	allowPrivate bool
	allow        map[string]bool // "ip:port" dialled even if forbidden
}

func (g guard) control(network, address string, _ syscall.RawConn) error {
	if g.allowPrivate || g.allow[address] {
		return nil
	}
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: %s is not an IP address", ErrForbiddenAddress, address)
	}
	if why := forbidden(ip); why != "" {
		return fmt.Errorf("%w: %s is %s", ErrForbiddenAddress, ip, why)
	}
	return nil
}
