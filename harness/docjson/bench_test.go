package docjson

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// benchDoc is a realistic ~5 MB Graph collection response: an object with
// "@odata" members and a "value" array of user-like objects holding
// strings (some with escapes and non-ASCII), numbers, booleans, nulls,
// nested objects and arrays, indented with two spaces as in the docs.
var benchDoc = sync.OnceValue(func() []byte {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.Grow(5 << 20)
	guid := func() string {
		return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", r.Uint32(), r.Uint32()&0xffff, r.Uint32()&0xffff, r.Uint32()&0xffff, r.Uint64()&0xffffffffffff)
	}
	first := []string{"Adele", "Alex", "Diego", "Grady", "Isaiah", "Johanna", "Lee", "Megan", "Miriam", "Nestor", "Patti", "Pradeep", "José", "Zoë"}
	last := []string{"Vance", "Wilber", "Siciliani", "Archie", "Langer", "Lorenz", "Gu", "Bowen", "Graham", "Wilke", "Fernandez", "Gupta", "Müller", "O\\\"Brien"}
	jobs := []string{"Retail Manager", "Marketing Assistant", "HR Manager", "Designer", "Director", "Attorney", "Developer", "Product Manager"}
	b.WriteString("{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users\",\n")
	b.WriteString("  \"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/users?$skiptoken=X%274453707402000100000017\",\n")
	b.WriteString("  \"value\": [\n")
	for i := 0; b.Len() < 5<<20; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fn, ln := first[r.IntN(len(first))], last[r.IntN(len(last))]
		mail := strings.ToLower(fn) + "." + fmt.Sprint(i) + "@contoso.onmicrosoft.com"
		fmt.Fprintf(&b, `    {
      "@odata.type": "#microsoft.graph.user",
      "id": "%s",
      "businessPhones": [
        "+1 425 555 %04d"
      ],
      "displayName": "%s %s",
      "givenName": "%s",
      "surname": "%s",
      "jobTitle": "%s",
      "mail": "%s",
      "mobilePhone": null,
      "officeLocation": "%d/%d",
      "preferredLanguage": "en-US",
      "userPrincipalName": "%s",
      "accountEnabled": %t,
      "employeeId": %d,
      "ageGroup": null,
      "createdDateTime": "2021-%02d-%02dT%02d:%02d:%02dZ",
      "usageLocation": "US",
      "signInActivity": {
        "lastSignInDateTime": "2021-06-17T16:41:33Z",
        "lastSignInRequestId": "%s",
        "riskScore": %.4f
      },
      "assignedLicenses": [
        {
          "disabledPlans": [],
          "skuId": "%s"
        },
        {
          "disabledPlans": [
            "%s"
          ],
          "skuId": "%s"
        }
      ],
      "onPremisesExtensionAttributes": {
        "extensionAttribute1": null,
        "extensionAttribute2": "Line one\nLine two",
        "extensionAttribute3": null
      },
      "quotaBytes": %d
    }`, guid(), r.IntN(10000), fn, ln, fn, ln, jobs[r.IntN(len(jobs))], mail, r.IntN(40), r.IntN(2000), mail,
			r.IntN(4) != 0, r.Uint32(), 1+r.IntN(12), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60),
			guid(), r.Float64()*100, guid(), guid(), guid(), r.Int64())
	}
	b.WriteString("\n  ]\n}\n")
	return []byte(b.String())
})

func TestBenchDoc(t *testing.T) {
	doc := benchDoc()
	if !json.Valid(doc) {
		t.Fatal("benchmark document is not valid JSON")
	}
	v, lens, err := Parse(doc)
	if err != nil || len(lens) != 0 {
		t.Fatalf("err=%v lens=%v", err, lens[:min(len(lens), 5)])
	}
	users, _ := v.Get("value")
	t.Logf("benchmark document: %d bytes, %d users", len(doc), len(users.Items))
}

func BenchmarkParse(b *testing.B) {
	doc := benchDoc()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Parse(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStdlibUnmarshalAny(b *testing.B) {
	doc := benchDoc()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(doc, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseAnnotation measures the small inputs Parse mostly sees.
func BenchmarkParseAnnotation(b *testing.B) {
	src := []byte("{\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.user\",\n  isCollection: true\n}")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
