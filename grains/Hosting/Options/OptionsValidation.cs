using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MathCluster.Hosting.Options;

/// <summary>
/// Validates an options class with its data annotations (and <see cref="IValidatableObject"/>), naming each failure
/// by its full configuration key ("Cluster:SiloPort: ..."), so a bad value stops start-up with a line that says
/// which setting to fix.
/// </summary>
public sealed class SectionValidator<T>(string section) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(results.Select(r =>
            $"{section}:{string.Join(", ", r.MemberNames.DefaultIfEmpty("*"))}: {r.ErrorMessage}"));
    }
}

public static class OptionsRegistration
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and validates it when the host starts.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// The same options read while the host is still being built (ports and the clustering switch shape the host
    /// itself), validated by the same rules: a bad value fails here with the same message.
    /// </summary>
    public static T ReadValidated<T>(this IConfiguration configuration, string section) where T : class, new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        var result = new SectionValidator<T>(section).Validate(null, options);
        if (result.Failed) throw new OptionsValidationException(section, typeof(T), result.Failures);
        return options;
    }
}
