$TTL 3600
@	IN SOA	ns1.example.com. hostmaster.example.com. ( 2026010101 7200 3600 1209600 3600 )
	IN NS	ns1.example.com.
	IN NS	ns2.example.net.
ns1	IN A	192.0.2.53
