; lab.example.com: delegated from example.com; its name server was renumbered.
$TTL 1h
@       IN SOA  ns1.lab.example.com. hostmaster.example.com. ( 2026112301 2h 1h 2w 1h )
        IN NS   ns1.lab.example.com.
        IN NS   ns2.example.com.
ns1     IN A    192.0.2.61
