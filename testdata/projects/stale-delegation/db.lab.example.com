; The child, renumbered, with its current NS set.
$ORIGIN lab.example.com.
$TTL 1h
@        IN SOA  ns1 hostmaster.example.com. ( 2026112301 2h 1h 2w 1h )
         IN NS   ns1
         IN NS   ns2.example.com.
ns1      IN A    192.0.2.61
