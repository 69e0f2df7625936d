// tests/run.sh picks a lane by NUnit category; every test here is in "Browser": Debian's Chromium against the service on Kestrel.
[assembly: Category("Browser")]
