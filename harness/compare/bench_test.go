package compare

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/docconform/docconform/harness"
)

// userDoc is a documented collection response as Graph pages write it: one sample user.
const userDoc = `{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
  "value": [
    {
      "businessPhones": ["+1 425 555 0109"],
      "displayName": "Adele Vance",
      "givenName": "Adele",
      "jobTitle": "Retail Manager",
      "mail": "AdeleV@contoso.onmicrosoft.com",
      "mobilePhone": null,
      "officeLocation": "18/2111",
      "preferredLanguage": "en-US",
      "surname": "Vance",
      "userPrincipalName": "AdeleV@contoso.onmicrosoft.com",
      "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
      "accountEnabled": true,
      "createdDateTime": "2017-09-04T15:30:00Z",
      "assignedLicenses": [{"disabledPlans": [], "skuId": "b05e124f-c7cc-45a0-a6aa-8cf78c946968"}],
      "usageLocation": "US",
      "employeeHireDate": null
    }
  ]
}`

// collection answers n users like the sample, each a little different, about 1 KB each.
func collection(n int) string {
	var b strings.Builder
	b.WriteString(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=X","value":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"businessPhones":["+1 425 555 %04d","+1 425 555 %04d"],"displayName":"User Number %d","givenName":"User","jobTitle":"Engineer %d","mail":"user%d@contoso.onmicrosoft.com","mobilePhone":"+1 206 555 %04d","officeLocation":"%d/%d","preferredLanguage":"en-US","surname":"Number %d","userPrincipalName":"user%d@contoso.onmicrosoft.com","id":"%08x-44d7-43e1-9a83-5f2406dee5bd","accountEnabled":%t,"createdDateTime":"2019-%02d-%02dT10:%02d:00Z","assignedLicenses":[{"disabledPlans":["%08x-0000-0000-0000-000000000000"],"skuId":"b05e124f-c7cc-45a0-a6aa-8cf78c946968"},{"disabledPlans":[],"skuId":"c7df2760-2c81-4ef7-b578-5b5392b571df"}],"usageLocation":"US","employeeHireDate":"2020-01-%02dT00:00:00Z"}`,
			i%10000, (i*7)%10000, i, i%50, i, i%10000, i%40, i%3000, i, i, i, i%2 == 0, 1+i%12, 1+i%28, i%60, i, 1+i%28)
	}
	b.WriteString("]}")
	return b.String()
}

var benchSizes = []int{1 << 20, 5 << 20}

// BenchmarkCompare compares answers of 1 MB and 5 MB with the documented one-user
// sample, beside BenchmarkUnmarshalAny: encoding/json merely unmarshalling the same
// bytes into any. Target: Compare ≤ 2× UnmarshalAny at 5 MB, and linear in size.
func BenchmarkCompare(b *testing.B) {
	want := harness.Response{Status: 200, Body: userDoc, Expectation: harness.Expectation{IsCollection: true}}
	for _, size := range benchSizes {
		body := collection(size / 1000)
		got := harness.Actual{Status: 200, Body: body, Headers: []harness.Header{{Name: "Content-Type", Value: "application/json"}}}
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			if r := Response(want, got); !r.OK() {
				b.Fatalf("benchmark answer does not conform: %+v", r.Differences)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				Response(want, got)
			}
		})
	}
}

func BenchmarkUnmarshalAny(b *testing.B) {
	for _, size := range benchSizes {
		body := []byte(collection(size / 1000))
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				var v any
				if err := json.Unmarshal(body, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
