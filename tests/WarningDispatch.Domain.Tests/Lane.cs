// tests/run.sh picks a lane by NUnit category; every test here is in "Fast": the domain alone, no host and no servers.
[assembly: Category("Fast")]
