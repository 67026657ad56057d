package serve

import (
	"context"
	"net/http"
)

// contentSecurityPolicy lets a page load only the workbench's own scripts,
// styles and images: no inline script or style, no other origin, no
// plugin, no form sent elsewhere, no framing. Data reach the scripts
// through data attributes.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// guard gives every response its security headers and every request its
// deadline. Only GET and HEAD reach the routes (the workbench only reads);
// the mux answers any other method with 405.
func guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
