package replay

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// ClientCredentials gets tokens with the OAuth 2.0 client-credentials grant and keeps
// each until shortly before it expires. A request to the token endpoint is bounded by
// timeout and by the context of the request that needs the token, so a token endpoint
// that never answers cannot hang a run, and an interrupt stops the wait.
func ClientCredentials(cfg clientcredentials.Config, timeout time.Duration) TokenFunc {
	var mu sync.Mutex
	var cur *oauth2.Token
	hc := &http.Client{Timeout: timeout}
	return func(ctx context.Context) (string, error) {
		mu.Lock() // one request to the token endpoint at a time; the others wait for its token
		defer mu.Unlock()
		if cur.Valid() {
			return cur.AccessToken, nil
		}
		tok, err := cfg.Token(context.WithValue(ctx, oauth2.HTTPClient, hc))
		if err != nil {
			return "", err
		}
		cur = tok
		return tok.AccessToken, nil
	}
}
