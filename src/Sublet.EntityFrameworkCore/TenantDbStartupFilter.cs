using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Sublet.EntityFrameworkCore;

/// <summary>Puts <see cref="TenantDbTransactionMiddleware"/> first in the pipeline, around Sublet's own middleware.</summary>
internal sealed class TenantDbStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<TenantDbTransactionMiddleware>();
        next(app);
    };
}
