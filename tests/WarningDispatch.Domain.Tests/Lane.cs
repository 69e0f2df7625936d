// tests/run.sh picks a lane by NUnit category; every test here is in "Fast": the domain alone.
[assembly: Category("Fast")]
