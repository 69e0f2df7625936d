// tests/run.sh picks a lane by NUnit category; every test here is in "Infrastructure": private Redis and RabbitMQ,
// service processes.
[assembly: Category("Infrastructure")]
