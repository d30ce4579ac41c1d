; A forward zone in the same style (digideskio/dns-master zones-fwd-unsigned/db.*):
; right after `$ORIGIN example.com.`, lines with a blank owner keep the previous owner
; (example.com.), as BIND loads them.
$ORIGIN .
$TTL 3600
example.com		IN SOA	ns0.example.net hostmaster.example.com (
				201410251 43200 600 1209600 3600 )
			NS	ns0.example.net.
			NS	ns1.example.org.
$ORIGIN example.com.
			MX	10 mail.example.net.
			TXT	"v=spf1 -all"
www			A	192.0.2.10
