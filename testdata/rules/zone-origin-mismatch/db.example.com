$TTL 3600
example.com. IN SOA ns1.example.com. hostmaster.example.com. ( 2026112301 7200 3600 1209600 3600 )  ; expect: zone-origin-mismatch
example.com. IN NS  ns1.example.com.
example.com. IN NS  ns2.example.net.
