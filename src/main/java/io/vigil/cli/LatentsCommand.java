package io.vigil.cli;

import io.vigil.encode.LatentMap;
import io.vigil.encode.LatentReader;
import io.vigil.encode.Latents;
import io.vigil.encode.NearestNeighbours;
import io.vigil.encode.PrincipalComponents;
import io.vigil.train.RowRange;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil latents}: what the latent vectors {@code encode} wrote carry: nearest-neighbour label accuracy and a 2-D picture. */
@Command(name = "latents", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check labelled latent vectors (vigil encode --label-column): the 1-nearest-neighbour label accuracy of "
                + "query rows against reference rows, and a picture of them on their first two principal components.")
final class LatentsCommand implements Callable<Integer> {
    @Option(names = "--latents", required = true, paramLabel = "FILE", description = "latent vectors with labels as vigil encode writes them (CSV or .jsonl)")
    Path latents;

    @Option(names = "--reference-rows", paramLabel = "A:B", description = "rows whose labels are known (e.g. the training rows), half-open and 0-based")
    String referenceRows;

    @Option(names = "--query-rows", paramLabel = "A:B", description = "rows to label by their nearest reference (e.g. the test rows; default for --projection: all)")
    String queryRows;

    @Option(names = "--projection", paramLabel = "PNG", description = "draw the query rows on their first two principal components, coloured by label")
    Path projection;

    @Option(names = "--label-name", split = ",", paramLabel = "LABEL=NAME", description = "names for labels in the per-label accuracy and the picture's legend, e.g. 0=T-shirt,1=Trouser")
    Map<String, String> labelNames = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean knn = referenceRows != null || (queryRows != null && projection == null);
        if (knn && (referenceRows == null || queryRows == null)) {
            throw new IllegalArgumentException("nearest-neighbour accuracy needs both --reference-rows and --query-rows");
        }
        if (!knn && projection == null) {
            throw new IllegalArgumentException("nothing to do: give --reference-rows and --query-rows, or --projection PNG");
        }
        Latents all = LatentReader.read(latents);
        RowRange query = queryRows == null ? null : RowRange.parse(queryRows, "--query-rows");
        Latents queries = query == null ? all : all.rows(query, "--query-rows");
        if (knn) {
            RowRange ref = RowRange.parse(referenceRows, "--reference-rows");
            if (ref.overlaps(query)) {
                throw new IllegalArgumentException("--reference-rows " + ref + " and --query-rows " + query
                        + " overlap: a query would find itself");
            }
            Latents reference = all.rows(ref, "--reference-rows");
            NearestNeighbours.Accuracy a = NearestNeighbours.accuracy(reference, queries);
            out.printf(Locale.ROOT, "1-nearest-neighbour label accuracy: %.2f%% (%d of %d query rows in %s labelled right by %d reference "
                    + "rows in %s)%n", 100 * a.share(), a.correct(), a.queries(), query, reference.count(), ref);
            StringBuilder per = new StringBuilder("  per label:");
            for (String label : a.perLabel().keySet()) {
                per.append(String.format(Locale.ROOT, " %s %.1f%%", labelNames.getOrDefault(label, label), 100 * a.share(label)));
            }
            out.println(per);
        }
        if (projection != null) {
            String title = queries.count() + " latent vectors of " + latents.getFileName() + (query == null ? "" : ", rows " + query);
            PrincipalComponents pca = LatentMap.write(queries, labelNames, title, projection);
            out.printf(Locale.ROOT, "%d vectors drawn on their first two principal components (%.1f%% and %.1f%% of the variance): %s%n",
                    queries.count(), 100 * pca.explained(0), 100 * pca.explained(1), projection);
        }
        out.flush();
        return 0;
    }
}
