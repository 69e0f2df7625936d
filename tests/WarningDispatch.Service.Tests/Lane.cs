// tests/run.sh picks a lane by NUnit category; every test here is in "Fast": the service in process, no servers.
[assembly: Category("Fast")]
