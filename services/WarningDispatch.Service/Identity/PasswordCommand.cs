using System.Text;

namespace WarningDispatch.Service.Identity;

/// <summary>
/// <c>hash-password</c>: reads one password from standard input and prints its hash for an account's
/// "passwordHash". Never from the command line, where it would stay in shell history and the process list.
/// </summary>
public static class PasswordCommand
{
    public const string Name = "hash-password";
    public const int MinimumLength = 12;

    public static bool Matches(string[] args) => args is [Name, ..];

    /// <summary>Typed at a terminal (not echoed, asked twice) or piped in.</summary>
    public static int RunFromConsole(string[] args)
    {
        if (Console.IsInputRedirected) return Run(args, Console.In, Console.Out, Console.Error);
        var password = ReadHidden("密码 (Password): ");
        if (ReadHidden("再输入一次 (Again): ") != password)
        {
            Console.Error.WriteLine("两次输入不一致 (The two entries differ)");
            return 1;
        }
        return Run(args, new StringReader(password), Console.Out, Console.Error);
    }

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Length > 1)
        {
            error.WriteLine("密码只从标准输入读取，不接受命令行参数 (The password is read from standard input only, " +
                            "never from arguments, which stay in shell history and the process list)");
            return 2;
        }
        var password = input.ReadLine();
        if (password is null || password.Length < MinimumLength)
        {
            error.WriteLine($"密码至少 {MinimumLength} 个字符 (The password needs at least {MinimumLength} characters)");
            return 1;
        }
        output.WriteLine(AccountDirectory.HashPassword(password));
        return 0;
    }

    static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(true))
        {
            if (key.Key == ConsoleKey.Backspace) text.Length = Math.Max(0, text.Length - 1);
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
