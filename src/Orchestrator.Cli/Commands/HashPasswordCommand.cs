using System.CommandLine;
using Microsoft.AspNetCore.Identity;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator hash-password NAME</c>: reads a password from standard input and prints the hash for <c>Auth:Users:NAME:PasswordHash</c>.</summary>
internal static class HashPasswordCommand
{
    public static Command Create(TextReader input, TextWriter output)
    {
        var name = new Argument<string>("user") { Description = "The user name the hash is for." };
        var command = new Command("hash-password", "Read a password from standard input; print its hash for Auth:Users:<user>:PasswordHash.") { name };
        command.SetAction(parse =>
        {
            var password = input.ReadLine();
            if (string.IsNullOrEmpty(password))
            {
                output.WriteLine("error: give the password on standard input, e.g. echo 'secret' | orchestrator hash-password alice");
                return 1;
            }

            output.WriteLine(new PasswordHasher<string>().HashPassword(parse.GetValue(name)!, password));
            return 0;
        });
        return command;
    }
}
