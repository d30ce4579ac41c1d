; The parent: its delegation of lab.example.com still names a decommissioned server,
; its glue has the old address, and a second child has no glue at all.
$ORIGIN example.com.
$TTL 1h
@        IN SOA  ns1 hostmaster ( 2026112301 2h 1h 2w 1h )
         IN NS   ns1
         IN NS   ns2
         IN MX   10 mail
ns1      IN A    192.0.2.53
ns2      IN A    198.51.100.53
mail     IN CNAME mx1
mx1      IN A    192.0.2.25
lab      IN NS   ns1.lab
         IN NS   old-ns
ns1.lab  IN A    192.0.2.60
old-ns   IN A    192.0.2.99
dev      IN NS   ns1.dev
         IN NS   ns2
