; example.com: the company's main zone.
$ORIGIN example.com.
$TTL 1h
@       IN SOA  ns1.example.com. hostmaster.example.com. (
                2026112301 ; serial (date + change number)
                2h         ; refresh
                1h         ; retry
                2w         ; expire
                1h )       ; negative caching TTL
        IN NS   ns1.example.com.
        IN NS   ns2.example.com.

; mail
@       IN MX   10 mail.example.com
        IN TXT  "v=spf1 mx -all"
mail    IN A    192.0.2.25

; web
web     IN A    192.0.2.80
        IN AAAA 2001:db8::80
www     IN CNAME web
www     IN TXT  "site-verification=4f2a"

ns1     IN A    192.0.2.53
ns2     IN A    198.51.100.53

; the lab network is delegated to its own servers
lab     IN NS   ns1.lab.example.com.
        IN NS   ns2.example.com.
ns1.lab IN A    192.0.2.60
